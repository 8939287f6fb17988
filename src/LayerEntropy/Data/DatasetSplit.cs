namespace LayerEntropy.Data;

/// <summary>Which published part of a dataset: the training set or the held-out test set.</summary>
public enum DatasetSplit
{
    Train,
    Test,
}
