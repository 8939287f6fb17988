namespace LayerEntropy.Data;

/// <summary>
/// Which published part of a dataset: the training set or the held-out test set; <see cref="Given"/> for data
/// the user supplied as it is (an image folder or NumPy arrays), which has no published split.
/// </summary>
public enum DatasetSplit
{
    Train,
    Test,
    Given,
}
