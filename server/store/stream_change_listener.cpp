#include "server/store/stream_change_listener.h"

#include "server/store/connection_settings.h"
#include "server/store/pqxx_compat.h"
#include "shared/qt_compat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
constexpr const char *kChannel = "nova_stream_changes";
constexpr const char *kEventsChannel = "nova_stream_events";
constexpr const char *kTokensChannel = "nova_token_changes";
constexpr std::chrono::seconds kConnectTimeout{3};

QDateTime timeFrom(const QJsonValue &millis)
{
    if (millis.isNull() || millis.isUndefined())
        return {};
    return utcFromMSecsSinceEpoch(millis.toInteger());
}

} // namespace

StreamChangeListener::StreamChangeListener(std::string databaseUrl, QObject *parent)
    : QObject(parent)
    , m_url(ConnectionSettings::apply(std::move(databaseUrl), kConnectTimeout,
                                      "nova-server-listener"))
{
    qRegisterMetaType<nova::StreamRecord>();
}

StreamChangeListener::~StreamChangeListener()
{
    m_stopping = true;
    if (m_thread.joinable())
        m_thread.join();
}

void StreamChangeListener::start()
{
    m_thread = std::thread([this] { run(); });
}

std::optional<StreamRecord> StreamChangeListener::parsePayload(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    StreamRecord record;
    record.stream.id = QUuid::fromString(object.value(u"id").toString());
    const auto status = parseStreamStatus(object.value(u"status").toString());
    if (record.stream.id.isNull() || !status || !object.value(u"revision").isDouble())
        return std::nullopt;
    record.stream.status = *status;
    record.stream.title = object.value(u"title").toString();
    record.stream.owner = QUuid::fromString(object.value(u"owner").toString());
    record.stream.createdAt = timeFrom(object.value(u"created_at_ms"));
    record.stream.startedAt = timeFrom(object.value(u"started_at_ms"));
    record.stream.endedAt = timeFrom(object.value(u"ended_at_ms"));
    record.stream.playableAt = timeFrom(object.value(u"playable_at_ms"));
    record.stream.peakViewers = object.value(u"peak_viewers").toInt();
    record.stream.ingest = object.value(u"ingest").toString();
    record.revision = object.value(u"revision").toInteger();
    return record;
}

void StreamChangeListener::run()
{
    using namespace std::chrono_literals;
    auto pause = 200ms;
    bool wasListening = false;
    while (!m_stopping) {
        try {
            pqxx::connection connection(m_url);
            const auto subscription =
                db::listen(connection, kChannel, [this](const std::string &payload) {
                    if (auto record = parsePayload(QByteArray::fromStdString(payload)))
                        emit changed(*record);
                });
            const auto events =
                db::listen(connection, kEventsChannel, [this](const std::string &payload) {
                    emit eventNotified(QByteArray::fromStdString(payload));
                });
            const auto tokens =
                db::listen(connection, kTokensChannel, [this](const std::string &payload) {
                    emit tokenNotified(QByteArray::fromStdString(payload));
                });
            if (!wasListening)
                qCInfo(lcStore) << "listening for stream changes";
            wasListening = true;
            emit listening(true);
            pause = 200ms;
            while (!m_stopping) {
                connection.await_notification(0, 250'000);
                if (!connection.is_open())
                    throw pqxx::broken_connection("connection closed");
            }
        } catch (const std::exception &error) {
            if (wasListening) {
                qCWarning(lcStore).noquote() << "stopped hearing stream changes:"
                                             << QString::fromUtf8(error.what()).trimmed();
                emit listening(false);
            }
            wasListening = false;
        }
        for (auto slept = 0ms; slept < pause && !m_stopping; slept += 50ms)
            std::this_thread::sleep_for(50ms);
        pause = std::min(pause * 2, std::chrono::milliseconds(5000));
    }
}

} // namespace nova
