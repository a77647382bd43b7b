"""Pages of the petitions app: the public ones (`public`) and the officers' (`officers`)."""
