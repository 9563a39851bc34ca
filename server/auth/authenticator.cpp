#include "server/auth/authenticator.h"

#include "server/auth/access_token.h"
#include "server/auth/token_registry.h"
#include "server/http/http_request.h"
#include "shared/api_error.h"
#include "shared/constant_time.h"
#include "shared/qt_compat.h"

namespace nova {

namespace {
constexpr QByteArrayView kScheme = "Bearer ";
// Longer than any token this server hands out or accepts as NOVA_ADMIN_TOKEN's.
constexpr qsizetype kMaxTokenBytes = 512;

ApiError notValid()
{
    return ApiError::unauthorized(QStringLiteral("the token is not valid"));
}

ApiError notOperator()
{
    return ApiError::forbidden(QStringLiteral("this needs an operator's token"));
}
} // namespace

Authenticator::Authenticator(QByteArray bootstrapToken, TokenRegistry &tokens)
    : m_bootstrapToken(std::move(bootstrapToken))
    , m_tokens(tokens)
{}

QByteArray Authenticator::presented(const HttpRequest &request) const
{
    const QByteArray header = request.header("authorization");
    if (header.isEmpty())
        throw ApiError::unauthorized(QStringLiteral("this needs a token "
                                                    "(Authorization: Bearer <token>)"));
    if (header.size() <= kScheme.size() ||
        QByteArrayView(header).first(kScheme.size()).compare(kScheme, Qt::CaseInsensitive) != 0)
        throw ApiError::unauthorized(
            QStringLiteral("the Authorization header must be \"Bearer <token>\""));
    const QByteArray token = QByteArrayView(header).sliced(kScheme.size()).trimmed().toByteArray();
    if (token.isEmpty() || token.size() > kMaxTokenBytes)
        throw notValid();
    return token;
}

Authenticator::Credential Authenticator::credentialOf(const HttpRequest &request) const
{
    const QByteArray token = presented(request);
    if (!m_bootstrapToken.isEmpty() && constantTimeEquals(token, m_bootstrapToken))
        return Caller{Account{kBootstrapAccountId, QStringLiteral("admin"), Role::Operator, {}},
                      QUuid(), QStringLiteral("NOVA_ADMIN_TOKEN"), request.peer().toString()};
    if (auto parsed = AccessToken::parse(QString::fromLatin1(token)))
        return std::move(*parsed);
    throw notValid();
}

QFuture<Caller> Authenticator::identify(const HttpRequest &request) const
{
    try {
        Credential credential = credentialOf(request);
        if (auto *bootstrap = std::get_if<Caller>(&credential))
            return readyFuture(std::move(*bootstrap));
        return m_tokens.resolve(std::get<AccessToken>(credential), request.peer().toString());
    } catch (...) {
        return QtFuture::makeExceptionalFuture<Caller>(std::current_exception());
    }
}

QFuture<Caller> Authenticator::requireOperator(const HttpRequest &request) const
{
    return identify(request).then([](const Caller &caller) {
        if (!caller.isOperator())
            throw notOperator();
        return caller;
    });
}

std::optional<Caller> Authenticator::identifyNow(const HttpRequest &request) const
{
    if (request.header("authorization").isEmpty())
        return std::nullopt;
    Credential credential = credentialOf(request);
    if (auto *bootstrap = std::get_if<Caller>(&credential))
        return std::move(*bootstrap);
    if (auto known =
            m_tokens.resolveKnown(std::get<AccessToken>(credential), request.peer().toString()))
        return known;
    throw notValid();
}

} // namespace nova
