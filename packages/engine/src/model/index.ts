export { GPT, type ForwardOptions } from "./gpt";
export { configFromPreset, type GPTConfig } from "./config";
