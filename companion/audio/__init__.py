"""Audio: devices, capture (callback → buffer), resampling, levels, voice activity, WAV sources."""
