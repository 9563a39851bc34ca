#pragma once

#include "console/alertmanager/alertmanager_types.h"

#include <QFuture>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <stdexcept>

namespace nova {

// Why a call to Alertmanager failed, for people.
class AlertmanagerError : public std::runtime_error
{
public:
    explicit AlertmanagerError(const QString &message)
        : std::runtime_error(message.toStdString())
    {}
};

// Alertmanager's API v2: its alerts, its silences, making and expiring one. Asynchronous, with a
// deadline on every call; failures are AlertmanagerError.
class AlertmanagerClient : public QObject
{
    Q_OBJECT

public:
    explicit AlertmanagerClient(QUrl baseUrl, QObject *parent = nullptr);

    const QUrl &baseUrl() const { return m_baseUrl; }
    QFuture<QList<ManagedAlert>> alerts();
    QFuture<QList<Silence>> silences();
    QFuture<QString> createSilence(const SilenceRequest &request); // the new silence's id
    QFuture<void> expireSilence(const QString &id);

private:
    // The body of a 2xx answer, or an AlertmanagerError.
    QFuture<QByteArray> call(const QByteArray &verb, const QString &path,
                             const QByteArray &body = {});

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    std::chrono::milliseconds m_timeout{10'000};
};

} // namespace nova
