#include "server/hooks/ingest_node_secret.h"

#include <QMessageAuthenticationCode>

namespace nova {

QByteArray ingestNodeSecret(const QByteArray &hookSecret, const QString &node)
{
    return QMessageAuthenticationCode::hash(node.toUtf8(), hookSecret, QCryptographicHash::Sha256)
        .toHex();
}

} // namespace nova
