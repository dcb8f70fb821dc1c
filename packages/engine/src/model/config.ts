import { MODEL_PRESETS, type ModelPreset, type ModelShape } from "@orderbench/core/presets";

export interface GPTConfig extends ModelShape {
  /** Number of token ids the model reads and predicts. */
  vocabSize: number;
  /** Longest sequence the model reads (positions in the position embedding). */
  blockSize: number;
  /** Dropout rate on attention weights and residual branches during training (0 = off). */
  dropout: number;
}

export function configFromPreset(
  preset: ModelPreset,
  dims: { vocabSize: number; blockSize: number },
  overrides: Partial<ModelShape> & { dropout?: number } = {},
): GPTConfig {
  const shape = MODEL_PRESETS[preset];
  const config: GPTConfig = {
    nLayer: overrides.nLayer ?? shape.nLayer,
    nHead: overrides.nHead ?? shape.nHead,
    nEmbd: overrides.nEmbd ?? shape.nEmbd,
    dropout: overrides.dropout ?? 0,
    vocabSize: dims.vocabSize,
    blockSize: dims.blockSize,
  };
  if (config.nEmbd % config.nHead !== 0) {
    throw new Error(`nEmbd (${config.nEmbd}) must be divisible by nHead (${config.nHead})`);
  }
  return config;
}
