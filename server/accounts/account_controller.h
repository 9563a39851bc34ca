#pragma once

#include <QObject>

namespace nova {

class AccountService;
class Authenticator;
class HttpReply;
class HttpRequest;
class Router;
class WriteLimiter;

// /api/v1/accounts, /api/v1/tokens, /api/v1/me and /api/v1/audit: HTTP to AccountService and
// back. Every route needs a token; which one may do what is the service's business, except the
// operator-only routes, refused here.
class AccountController : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultAuditPage = 50;
    static constexpr int kMaxAuditPage = 500;

    AccountController(AccountService &service, const Authenticator &auth, WriteLimiter &writes,
                      QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void createAccount(const HttpRequest &request, HttpReply &reply);
    void listAccounts(const HttpRequest &request, HttpReply &reply);
    void issueToken(const HttpRequest &request, HttpReply &reply);
    void listTokens(const HttpRequest &request, HttpReply &reply);
    void revokeToken(const HttpRequest &request, HttpReply &reply);
    void me(const HttpRequest &request, HttpReply &reply);
    void audit(const HttpRequest &request, HttpReply &reply);

    AccountService &m_service;
    const Authenticator &m_auth;
    WriteLimiter &m_writes;
};

} // namespace nova
