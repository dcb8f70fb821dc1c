/** A fixed token vocabulary: id <-> string, ids dense from 0. */
export interface Vocab {
  readonly tokens: readonly string[];
  readonly size: number;
  id(token: string): number;
  token(id: number): string;
}

export function createVocab(tokens: readonly string[]): Vocab {
  const index = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (index.has(t)) throw new Error(`duplicate token ${JSON.stringify(t)} in vocabulary`);
    index.set(t, i);
  });
  return {
    tokens,
    size: tokens.length,
    id(token) {
      const i = index.get(token);
      if (i === undefined) throw new Error(`token ${JSON.stringify(token)} is not in the vocabulary`);
      return i;
    },
    token(id) {
      const t = tokens[id];
      if (t === undefined) throw new Error(`token id ${id} is outside the vocabulary (size ${tokens.length})`);
      return t;
    },
  };
}
