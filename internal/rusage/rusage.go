// Package rusage reads what the process has used so far. Benchmarks report
// CPU time beside wall time because the machines they run on are shared:
// wall time then also counts the time other processes held the CPU.
package rusage
