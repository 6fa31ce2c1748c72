// Package cohorttest generates synthetic pathways and cohorts of learners
// for tests, benchmarks and demonstrations of package cohort. Everything is
// a pure function of its arguments: the same seed gives the same cohort,
// and learners are generated one at a time, so a cohort of any size takes
// constant memory. LearnersReusing generates the same learners into the
// slices a consumer hands back (cohort.Options.Release), so that a long
// run allocates little more than each learner's ids.
package cohorttest
