#pragma once

#include <QLoggingCategory>

namespace nova {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
}
