#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace nova {

// The request methods nova-server routes; any other valid method is Other (answered 405 or 404).
enum class HttpMethod
{
    Get,
    Head,
    Post,
    Put,
    Delete,
    Patch,
    Options,
    Other
};

QByteArray methodName(HttpMethod method);
HttpMethod methodFromToken(QByteArrayView token);

} // namespace nova
