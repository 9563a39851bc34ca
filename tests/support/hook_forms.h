#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace nova::test {

// The form fields nginx-rtmp sends with each callback, for hookCall().
using HookFields = QList<QPair<QString, QString>>;

HookFields publishFields(const QString &key, const QString &client,
                         const QString &address = QStringLiteral("127.0.0.1"));
HookFields doneFields(const QString &key, const QString &client);
HookFields updateFields(const QString &key, const QString &client);

} // namespace nova::test
