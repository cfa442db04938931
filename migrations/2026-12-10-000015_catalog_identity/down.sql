DROP TABLE catalog_identity;
