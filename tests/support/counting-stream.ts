// A request body of `total` bytes, made of `chunk` repeated, that records how much of it was ever
// produced and whether the reader cancelled it: proof that a limit stopped reading early.
export function countingStream(total: number, chunk: Uint8Array = new Uint8Array(64 * 1024).fill(97)) {
  const state = { produced: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.produced >= total) return controller.close();
      state.produced += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}
