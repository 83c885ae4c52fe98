"""Text processing for comparison: normalization, word tokens, segmentation, roles."""
