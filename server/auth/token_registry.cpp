#include "server/auth/token_registry.h"

#include "server/store/database.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcTokens, "nova.tokens")

namespace {
ApiError notValid()
{
    return ApiError::unauthorized(QStringLiteral("the token is not valid"));
}

std::optional<TokenRecord> recordFromPayload(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    TokenRecord record;
    record.info.id = QUuid::fromString(object.value(u"id").toString());
    record.info.label = object.value(u"label").toString();
    record.selector = object.value(u"selector").toString();
    record.verifierHash = object.value(u"verifier_hash").toString();
    record.account.id = QUuid::fromString(object.value(u"account_id").toString());
    record.account.name = object.value(u"account_name").toString();
    const auto role = parseRole(object.value(u"role").toString());
    record.info.account = record.account.id;
    if (record.info.id.isNull() || record.account.id.isNull() || record.selector.isEmpty() ||
        record.verifierHash.isEmpty() || !role)
        return std::nullopt;
    record.account.role = *role;
    if (object.value(u"revoked").toBool())
        record.info.revokedAt = QDateTime::currentDateTimeUtc();
    return record;
}
} // namespace

TokenRegistry::TokenRegistry(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    m_writeBack.setInterval(kLastUsedWriteBack);
    connect(&m_writeBack, &QTimer::timeout, this, &TokenRegistry::writeBackLastUsed);
    m_writeBack.start();
    m_recheck.setSingleShot(true);
    m_recheck.setInterval(kRecheckRetry);
    connect(&m_recheck, &QTimer::timeout, this, &TokenRegistry::recheckRevocations);
}

Caller TokenRegistry::accept(const TokenRecord &record, const AccessToken &token,
                             const QString &address)
{
    if (!token.verifies(record.verifierHash))
        throw notValid();
    if (record.info.revokedAt.isValid())
        throw ApiError::unauthorized(QStringLiteral("the token has been revoked"));
    m_used.insert(record.info.id);
    return Caller{record.account, record.info.id, record.info.label, address};
}

void TokenRegistry::remember(const TokenRecord &record)
{
    TokenRecord &kept = m_known[record.selector];
    const QDateTime revokedAt = kept.info.revokedAt; // a revocation is never undone
    kept = record;
    if (revokedAt.isValid() && !kept.info.revokedAt.isValid())
        kept.info.revokedAt = revokedAt;
}

std::optional<Caller> TokenRegistry::resolveKnown(const AccessToken &token, const QString &address)
{
    const auto found = m_known.constFind(token.selector());
    if (found == m_known.cend())
        return std::nullopt;
    return accept(*found, token, address);
}

QFuture<Caller> TokenRegistry::resolve(const AccessToken &token, const QString &address)
{
    if (m_trusted && m_known.contains(token.selector())) {
        try {
            return readyFuture(*resolveKnown(token, address));
        } catch (...) {
            return QtFuture::makeExceptionalFuture<Caller>(std::current_exception());
        }
    }
    // Not seen yet, or a revocation may have gone unheard: ask the database.
    return m_database
        .autocommit([selector = token.selector()](pqxx::nontransaction &tx) {
            return AccountStore(tx).tokenBySelector(selector);
        })
        .then(this, [this, token, address](QFuture<std::optional<TokenRecord>> read) {
            std::optional<TokenRecord> record;
            try {
                record = read.result();
            } catch (const ApiError &error) {
                if (error.status() != 503 || !m_known.contains(token.selector()))
                    throw;
                // The database is away: what this replica knows still holds.
                return *resolveKnown(token, address);
            }
            if (!record)
                throw notValid();
            remember(*record);
            return accept(m_known.value(record->selector), token, address);
        });
}

void TokenRegistry::notified(const QByteArray &payload)
{
    const auto record = recordFromPayload(payload);
    if (!record) {
        qCWarning(lcTokens) << "ignored a token notification that does not parse";
        return;
    }
    remember(*record);
    if (record->info.revokedAt.isValid())
        qCInfo(lcTokens).noquote() << "token" << record->info.id.toString(QUuid::WithoutBraces)
                                   << "of" << record->account.name << "revoked";
}

void TokenRegistry::markRevoked(const QUuid &token)
{
    for (TokenRecord &record : m_known) {
        if (record.info.id == token && !record.info.revokedAt.isValid())
            record.info.revokedAt = QDateTime::currentDateTimeUtc();
    }
}

void TokenRegistry::setListening(bool listening)
{
    const bool gapEnded = listening && !m_listening;
    m_listening = listening;
    if (!listening)
        m_trusted = false;
    else if (gapEnded)
        recheckRevocations();
}

void TokenRegistry::recheckRevocations()
{
    if (m_known.isEmpty()) {
        m_trusted = true;
        return;
    }
    m_database
        .autocommit([selectors = m_known.keys()](pqxx::nontransaction &tx) {
            return AccountStore(tx).revokedAmong(selectors);
        })
        .then(this, [this](QFuture<QStringList> read) {
            try {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                for (const QString &selector : read.result()) {
                    auto found = m_known.find(selector);
                    if (found != m_known.end() && !found->info.revokedAt.isValid())
                        found->info.revokedAt = now;
                }
                m_trusted = m_listening;
            } catch (const std::exception &error) {
                // Until this succeeds, resolve() asks the database about every token.
                qCWarning(lcTokens) << "could not recheck revocations:" << error.what();
                if (m_listening)
                    m_recheck.start();
            }
        });
}

void TokenRegistry::writeBackLastUsed()
{
    if (m_used.isEmpty())
        return;
    const QList<QUuid> used = m_used.values();
    m_used.clear();
    m_database.autocommit([used](pqxx::nontransaction &tx) { AccountStore(tx).markUsed(used); })
        .then(this, [](QFuture<void> done) {
            try {
                done.waitForFinished();
            } catch (const std::exception &error) {
                // A hint for people, not a rule: the next use writes it again.
                qCDebug(lcTokens) << "could not record when tokens were last used:" << error.what();
            }
        });
}

} // namespace nova
