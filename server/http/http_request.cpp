#include "server/http/http_request.h"

namespace nova {

HttpRequest::HttpRequest(const QHttpServerRequest &request, QStringList params)
    : m_request(request)
    , m_params(std::move(params))
{}

} // namespace nova
