#pragma once

#include <QByteArray>
#include <QString>

namespace nova {

// The secret ingest node `node` presents on its hooks: HMAC-SHA256 of its name under the hook
// secret, in hex. A node holds its own and never the hook secret, so it cannot speak for another
// node; nova-stack and the k8s start-up derive the same value with openssl.
QByteArray ingestNodeSecret(const QByteArray &hookSecret, const QString &node);

} // namespace nova
