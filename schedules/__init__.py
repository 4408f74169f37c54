"""The scheduler only wakes sweeps; the database decides what is due (DESIGN.md, Flow 2)."""
