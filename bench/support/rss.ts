/** Samples the whole process's resident set size (main thread, workers and WASM heaps alike). */
export interface RssSampler {
  /** Stops sampling and returns the peak and mean seen, in MiB. */
  stop(): { peakMb: number; meanMb: number; samples: number };
}

export function sampleRss(intervalMs = 250): RssSampler {
  let peak = 0;
  let total = 0;
  let samples = 0;
  const take = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    total += rss;
    samples += 1;
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      take();
      const mb = (bytes: number) => bytes / (1024 * 1024);
      return { peakMb: mb(peak), meanMb: mb(total / samples), samples };
    },
  };
}
