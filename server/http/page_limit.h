#pragma once

#include <QUrlQuery>

namespace nova {

// A list's ?limit: `byDefault` when absent, else a whole number from 1 to `max`; 400
// (invalid_query) saying so otherwise.
int pageLimit(const QUrlQuery &query, int byDefault, int max);

} // namespace nova
