#pragma once

#include <QByteArray>

namespace nova {

class HttpRequest;

// Checks "Authorization: Bearer <token>" against the operator token, in constant time.
class OperatorAuth
{
public:
    explicit OperatorAuth(QByteArray token);

    // Throws ApiError 401 when the header is missing, malformed or holds another token.
    void require(const HttpRequest &request) const;
    bool isOperator(const HttpRequest &request) const;

private:
    QByteArray m_token;
};

} // namespace nova
