"""Frozen copies of modules as released in 0.1.0: the baselines some benchmarks compare
the current code against, side by side in one process.

They are code in the repository (never fetched from git history, so the benchmarks run in
a shallow clone) and are never edited, except to keep their imports pointing at where the
package's internals live. Each imports the package's other modules absolutely.
"""
