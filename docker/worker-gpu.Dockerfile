# GPU training worker: tfjs webgpu through Dawn (the `webgpu` package) on the NVIDIA Vulkan driver.
# Build from the repository root:  docker build -f docker/worker-gpu.Dockerfile -t orderbench/worker-gpu .
# Run with the NVIDIA container runtime:  docker run --gpus all -e ORDERBENCH_API_URL=… -e ORDERBENCH_TOKEN=… orderbench/worker-gpu
FROM node:20-bookworm-slim
# The Vulkan loader; the NVIDIA runtime mounts the driver and its Vulkan ICD when "graphics" is among
# the driver capabilities below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libvulkan1 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund --workspace @orderbench/worker --include-workspace-root=false
# Optional CUDA backend (tensorflow-gpu): its install script downloads libtensorflow, and it needs the CUDA
# 11 / cuDNN 8 libraries of TensorFlow 2.11 in the image; build with --build-arg TFJS_NODE_GPU=1 on such a base.
ARG TFJS_NODE_GPU=0
RUN if [ "$TFJS_NODE_GPU" = "1" ]; then npm install --no-audit --no-fund --workspace @orderbench/worker @tensorflow/tfjs-node-gpu@4.22.0; fi
WORKDIR /app/apps/worker
ENV NODE_ENV=production \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics \
    ORDERBENCH_BACKEND=webgpu
CMD ["node", "bin/orderbench-worker.js"]
