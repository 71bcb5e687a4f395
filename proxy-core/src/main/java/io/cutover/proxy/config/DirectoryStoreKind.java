package io.cutover.proxy.config;

/** Where the legacy → Awin directory lives. */
public enum DirectoryStoreKind {
    /** A YAML file and the affiliates CSV it names ({@code directory.file}): the embedded default. */
    FILE,
    /** A DynamoDB table ({@code directory.dynamodb.*}): production. */
    DYNAMODB
}
