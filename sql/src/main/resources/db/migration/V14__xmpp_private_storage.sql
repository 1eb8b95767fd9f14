-- Private XML storage (XEP-0049): one element per account and (element name, namespace).
CREATE TABLE xmpp_private_storage (
    account_id BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    element    VARCHAR(1024) NOT NULL,
    namespace  VARCHAR(1024) NOT NULL,
    xml        TEXT          NOT NULL,
    PRIMARY KEY (account_id, element, namespace)
);
