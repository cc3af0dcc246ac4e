"""The curator's tools: changing a catalogue safely, and seeing what changed."""
