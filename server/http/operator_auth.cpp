#include "server/http/operator_auth.h"

#include "server/http/http_request.h"
#include "shared/api_error.h"
#include "shared/constant_time.h"

namespace nova {

OperatorAuth::OperatorAuth(QByteArray token)
    : m_token(std::move(token))
{}

bool OperatorAuth::isOperator(const HttpRequest &request) const
{
    const QByteArray header = request.header("authorization");
    static constexpr QByteArrayView kScheme = "Bearer ";
    if (m_token.isEmpty() || header.size() <= kScheme.size() ||
        QByteArrayView(header).first(kScheme.size()).compare(kScheme, Qt::CaseInsensitive) != 0)
        return false;
    return constantTimeEquals(QByteArrayView(header).sliced(kScheme.size()).trimmed(), m_token);
}

void OperatorAuth::require(const HttpRequest &request) const
{
    if (request.header("authorization").isEmpty())
        throw ApiError::unauthorized(QStringLiteral("this endpoint needs an operator token "
                                                    "(Authorization: Bearer <token>)"));
    if (!isOperator(request))
        throw ApiError::unauthorized(QStringLiteral("the operator token is not valid"));
}

} // namespace nova
