"""Pages of tiếp công dân and đối thoại: officials' (schedule, log, dialogues) and the public's."""
