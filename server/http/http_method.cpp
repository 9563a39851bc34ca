#include "server/http/http_method.h"

namespace nova {

QByteArray methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return "GET";
    case HttpMethod::Head:
        return "HEAD";
    case HttpMethod::Post:
        return "POST";
    case HttpMethod::Put:
        return "PUT";
    case HttpMethod::Delete:
        return "DELETE";
    case HttpMethod::Patch:
        return "PATCH";
    case HttpMethod::Options:
        return "OPTIONS";
    case HttpMethod::Other:
        break;
    }
    return "OTHER";
}

HttpMethod methodFromToken(QByteArrayView token)
{
    // Methods are case-sensitive (RFC 9110, 9.1): "get" is some other method.
    for (const HttpMethod method :
         {HttpMethod::Get, HttpMethod::Head, HttpMethod::Post, HttpMethod::Put, HttpMethod::Delete,
          HttpMethod::Patch, HttpMethod::Options}) {
        if (token == methodName(method))
            return method;
    }
    return HttpMethod::Other;
}

} // namespace nova
