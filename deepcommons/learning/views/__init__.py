"""Learning pages: paths and progress, authoring, notebooks."""
