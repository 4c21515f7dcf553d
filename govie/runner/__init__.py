"""Running the pipeline over many reports: worker processes (`processes.py`), a Dask cluster
(`dask.py`), and the runner behind the command line (`extract.py`)."""
