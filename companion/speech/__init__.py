"""Speech: the model catalogue and manager, the Vosk recognizer worker."""
