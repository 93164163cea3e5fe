/**
 * The benchmarks' clock: CPU time of this process (user + system), in milliseconds. The machine is
 * shared (other engineers' builds and browsers can leave us a fraction of a core), so wall-clock
 * limits would measure the load, not the solver. With this clock, "10 s" means 10 s of CPU for the
 * process (the search thread plus V8's helper threads, so slightly less than 10 s of search).
 */
export function cpuClockMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
