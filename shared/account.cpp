#include "shared/account.h"

namespace nova {

QString toString(Role role)
{
    return role == Role::Operator ? QStringLiteral("operator") : QStringLiteral("streamer");
}

std::optional<Role> parseRole(QStringView text)
{
    if (text == u"operator")
        return Role::Operator;
    if (text == u"streamer")
        return Role::Streamer;
    return std::nullopt;
}

} // namespace nova
