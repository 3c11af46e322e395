package com.multiship.platform.edge;

/**
 * Inputs of {@link AssetBucket}.
 *
 * @param bucketPrefix                    the start of the bucket's globally unique name (S3 appends a suffix), at most
 *                                        37 characters, such as {@code multiship-production-assets-}
 * @param noncurrentVersionExpirationDays days an overwritten or deleted version is kept before S3 removes it
 * @param protect                         protect the bucket from deletion (production)
 * @param forceDestroy                    let {@code pulumi destroy} empty the bucket first (dev only: its assets are
 *                                        rebuilt by CI)
 */
public record AssetBucketArgs(String bucketPrefix, int noncurrentVersionExpirationDays, boolean protect,
                              boolean forceDestroy) {}
