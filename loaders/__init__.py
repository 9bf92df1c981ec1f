"""Reading planners' files into validated records, and loading them into a store.

``loaders.load.load_paths(paths, store)`` is the entry point: it reads CSV, JSON
and XLSX files, checks every cell and reference, and writes only if all is well.
"""
