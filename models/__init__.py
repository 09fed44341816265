"""Machine learning and NLP for Tousu: normalisation, segmentation, features, the classifier."""
