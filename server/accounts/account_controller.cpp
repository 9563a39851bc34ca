#include "server/accounts/account_controller.h"

#include "server/accounts/account_service.h"
#include "server/auth/authenticator.h"
#include "server/auth/write_limiter.h"
#include "server/http/json_body.h"
#include "server/http/page_limit.h"
#include "server/http/route_id.h"
#include "server/http/router.h"
#include "shared/account_json.h"
#include "shared/api_error.h"

#include <QJsonArray>

namespace nova {

namespace {
struct AuditQuery
{
    int limit = AccountController::kDefaultAuditPage;
    std::optional<qint64> before;
};

AuditQuery parseAuditQuery(const QUrlQuery &query)
{
    AuditQuery parsed;
    parsed.limit =
        pageLimit(query, AccountController::kDefaultAuditPage, AccountController::kMaxAuditPage);
    if (query.hasQueryItem(QStringLiteral("cursor"))) {
        bool ok = false;
        const qint64 before = query.queryItemValue(QStringLiteral("cursor")).toLongLong(&ok);
        if (!ok || before < 1)
            throw ApiError::badRequest(QStringLiteral("'cursor' is not one this server handed out"),
                                       QStringLiteral("invalid_query"));
        parsed.before = before;
    }
    return parsed;
}
} // namespace

AccountController::AccountController(AccountService &service, const Authenticator &auth,
                                     WriteLimiter &writes, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_auth(auth)
    , m_writes(writes)
{}

void AccountController::registerRoutes(Router &router)
{
    using M = Router::Method;
    const auto route = [this](
                           void (AccountController::*handler)(const HttpRequest &, HttpReply &)) {
        return [this, handler](const HttpRequest &rq, HttpReply &rp) { (this->*handler)(rq, rp); };
    };
    router.add(M::Post, QStringLiteral("/api/v1/accounts"),
               route(&AccountController::createAccount));
    router.add(M::Get, QStringLiteral("/api/v1/accounts"), route(&AccountController::listAccounts));
    router.add(M::Post, QStringLiteral("/api/v1/accounts/{id}/tokens"),
               route(&AccountController::issueToken));
    router.add(M::Get, QStringLiteral("/api/v1/accounts/{id}/tokens"),
               route(&AccountController::listTokens));
    router.add(M::Delete, QStringLiteral("/api/v1/tokens/{id}"),
               route(&AccountController::revokeToken));
    router.add(M::Get, QStringLiteral("/api/v1/me"), route(&AccountController::me));
    router.add(M::Get, QStringLiteral("/api/v1/audit"), route(&AccountController::audit));
}

void AccountController::createAccount(const HttpRequest &request, HttpReply &reply)
{
    const QJsonObject body =
        parseJsonObjectBody(request.body(), {QStringLiteral("name"), QStringLiteral("role")});
    const QString name = requireTextField(body, QStringLiteral("name"), 63);
    const auto role = parseRole(requireTextField(body, QStringLiteral("role"), 16));
    if (!role)
        throw ApiError::badRequest(QStringLiteral("'role' must be operator or streamer"),
                                   QStringLiteral("invalid_role"));
    replyWhenReady(
        m_auth.requireOperator(request)
            .then(this,
                  [this, name, role = *role](const Caller &caller) {
                      m_writes.spend(caller);
                      return m_service.createAccount(name, role, caller);
                  })
            .unwrap()
            .then([](const Account &account) { return HttpResponse::json(201, toJson(account)); }),
        this, std::move(reply));
}

void AccountController::listAccounts(const HttpRequest &request, HttpReply &reply)
{
    replyWhenReady(m_auth.requireOperator(request)
                       .then(this, [this](const Caller &) { return m_service.accounts(); })
                       .unwrap()
                       .then([](const QList<Account> &accounts) {
                           QJsonArray list;
                           for (const Account &account : accounts)
                               list.append(toJson(account));
                           return HttpResponse::json(200, {{QStringLiteral("accounts"), list}});
                       }),
                   this, std::move(reply));
}

void AccountController::issueToken(const HttpRequest &request, HttpReply &reply)
{
    const QUuid account = parseRouteId(request.param(0), QStringLiteral("account"));
    const QJsonObject body = parseJsonObjectBody(request.body(), {QStringLiteral("label")});
    const QString label =
        requireTextField(body, QStringLiteral("label"), AccountService::kMaxLabelLength);
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, account, label](const Caller &caller) {
                                 m_writes.spend(caller);
                                 return m_service.issueToken(account, label, caller);
                             })
                       .unwrap()
                       .then([](const IssuedToken &issued) {
                           QJsonObject created = toJson(issued.info);
                           created.insert(QStringLiteral("token"), issued.secret);
                           return HttpResponse::json(201, created);
                       }),
                   this, std::move(reply));
}

void AccountController::listTokens(const HttpRequest &request, HttpReply &reply)
{
    const QUuid account = parseRouteId(request.param(0), QStringLiteral("account"));
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, account](const Caller &caller) {
                                 return m_service.tokens(account, caller);
                             })
                       .unwrap()
                       .then([](const QList<TokenInfo> &tokens) {
                           QJsonArray list;
                           for (const TokenInfo &token : tokens)
                               list.append(toJson(token));
                           return HttpResponse::json(200, {{QStringLiteral("tokens"), list}});
                       }),
                   this, std::move(reply));
}

void AccountController::revokeToken(const HttpRequest &request, HttpReply &reply)
{
    const QUuid token = parseRouteId(request.param(0), QStringLiteral("token"));
    replyWhenReady(
        m_auth.identify(request)
            .then(this,
                  [this, token](const Caller &caller) {
                      m_writes.spend(caller);
                      return m_service.revokeToken(token, caller);
                  })
            .unwrap()
            .then([](const TokenInfo &info) { return HttpResponse::json(200, toJson(info)); }),
        this, std::move(reply));
}

void AccountController::me(const HttpRequest &request, HttpReply &reply)
{
    replyWhenReady(m_auth.identify(request).then([](const Caller &caller) {
        return HttpResponse::json(
            200, toJson(Identity{caller.account, caller.token, caller.tokenLabel}));
    }),
                   this, std::move(reply));
}

void AccountController::audit(const HttpRequest &request, HttpReply &reply)
{
    const AuditQuery query = parseAuditQuery(request.query());
    replyWhenReady(
        m_auth.requireOperator(request)
            .then(this, [this, query](
                            const Caller &) { return m_service.audit(query.limit, query.before); })
            .unwrap()
            .then([](const AuditPage &page) {
                QJsonArray entries;
                for (const AuditRecord &entry : page.entries)
                    entries.append(toJson(entry));
                return HttpResponse::json(200, {{QStringLiteral("entries"), entries},
                                                {QStringLiteral("next_cursor"),
                                                 page.next ? QJsonValue(QString::number(*page.next))
                                                           : QJsonValue(QJsonValue::Null)}});
            }),
        this, std::move(reply));
}

} // namespace nova
