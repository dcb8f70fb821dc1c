/**
 * Model presets (METHOD.md): minGPT's sizes, which reproduce the paper's parameter counts — gpt-nano
 * 0.09M at a digit vocabulary, gpt-mini 2.67M at a 13-token vocabulary and block size 11.
 */
export const MODEL_PRESETS = {
  nanogpt: { nLayer: 3, nHead: 3, nEmbd: 48 },
  "gpt2-mini": { nLayer: 6, nHead: 6, nEmbd: 192 },
  "gpt2-small": { nLayer: 12, nHead: 12, nEmbd: 768 },
} as const satisfies Record<string, ModelShape>;

export type ModelPreset = keyof typeof MODEL_PRESETS;
export const PRESET_NAMES = Object.keys(MODEL_PRESETS) as ModelPreset[];

export interface ModelShape {
  /** Transformer blocks. */
  nLayer: number;
  /** Attention heads per block; must divide nEmbd. */
  nHead: number;
  /** Residual stream width. */
  nEmbd: number;
}

export function isPreset(name: string): name is ModelPreset {
  return Object.hasOwn(MODEL_PRESETS, name);
}

/**
 * Parameters of the GPT in packages/engine (pre-LN, biases, tied input/output embedding):
 * per block 12·C² + 13·C, plus token and position embeddings and the final LayerNorm.
 */
export function countParameters(shape: ModelShape, vocabSize: number, blockSize: number): number {
  const c = shape.nEmbd;
  const perBlock = 12 * c * c + 13 * c;
  return shape.nLayer * perBlock + vocabSize * c + blockSize * c + 2 * c;
}
