-- The subset of Balrog's schema (auslib/migrate) the local server needs. Blobs are stored as JSON text.
-- A release is split as Balrog v2 splits it: the base (releases_json) and one asset per platforms.<target>.locales.<locale>
-- (release_assets, path ".platforms.<target>.locales.<locale>"), each with its own data_version.
CREATE TABLE releases (
    name          VARCHAR(255) PRIMARY KEY,
    product       VARCHAR(64)  NOT NULL,
    data          CLOB         NOT NULL,
    read_only     BOOLEAN      DEFAULT FALSE NOT NULL,
    data_version  INT          NOT NULL
);

CREATE TABLE release_assets (
    name          VARCHAR(255) NOT NULL REFERENCES releases (name),
    path          VARCHAR(500) NOT NULL,
    data          CLOB         NOT NULL,
    data_version  INT          NOT NULL,
    PRIMARY KEY (name, path)
);

CREATE TABLE rules (
    rule_id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    alias               VARCHAR(50) UNIQUE,
    priority            INT          NOT NULL,
    mapping             VARCHAR(255),
    fallback_mapping    VARCHAR(255),
    background_rate     INT          NOT NULL,
    update_type         VARCHAR(15)  NOT NULL,
    product             VARCHAR(64),
    version             VARCHAR(75),
    build_id            VARCHAR(20),
    channel             VARCHAR(75),
    build_target        VARCHAR(75),
    locale              VARCHAR(200),
    distribution        VARCHAR(100),
    dist_version        VARCHAR(100),
    os_version          VARCHAR(1000),
    instruction_set     VARCHAR(1000),
    memory              VARCHAR(100),
    mig64               BOOLEAN,
    jaws                BOOLEAN,
    header_architecture VARCHAR(10),
    comment             VARCHAR(500),
    data_version        INT          NOT NULL
);

-- A scheduled change mirrors the rule columns; here they travel as the JSON of the rule after the change.
CREATE TABLE rules_scheduled_changes (
    sc_id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    scheduled_by      VARCHAR(100) NOT NULL,
    complete          BOOLEAN      DEFAULT FALSE NOT NULL,
    change_type       VARCHAR(50)  NOT NULL,
    data_version      INT          NOT NULL,
    base_rule_id      BIGINT,
    base_data_version INT,
    base_data         CLOB         NOT NULL
);

CREATE TABLE rules_scheduled_changes_conditions (
    sc_id        BIGINT PRIMARY KEY REFERENCES rules_scheduled_changes (sc_id),
    when_ms      BIGINT NOT NULL,
    data_version INT    NOT NULL
);

CREATE TABLE rules_scheduled_changes_signoffs (
    sc_id    BIGINT       NOT NULL REFERENCES rules_scheduled_changes (sc_id),
    username VARCHAR(100) NOT NULL,
    role     VARCHAR(50)  NOT NULL,
    PRIMARY KEY (sc_id, username)
);

CREATE TABLE product_req_signoffs (
    product           VARCHAR(64) NOT NULL,
    channel           VARCHAR(75) NOT NULL,
    role              VARCHAR(50) NOT NULL,
    signoffs_required INT         NOT NULL,
    data_version      INT         NOT NULL,
    PRIMARY KEY (product, channel, role)
);

-- Enterprise version pins: installs pinned to `version` (a prefix such as "130.") on this product/channel get `mapping`.
CREATE TABLE pinnable_releases (
    product      VARCHAR(64)  NOT NULL,
    channel      VARCHAR(75)  NOT NULL,
    version      VARCHAR(75)  NOT NULL,
    mapping      VARCHAR(255) NOT NULL REFERENCES releases (name),
    data_version INT          NOT NULL,
    PRIMARY KEY (product, channel, version)
);
