#pragma once

#include "server/config/server_config.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <stdexcept>

namespace nova {

// A setting that cannot be used, said so that a person can fix it: where it came from and why.
class ConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Reads nova-server's settings: defaults, then the config file ("name = value" lines, # comments),
// then NOVA_<NAME> environment variables, each overriding the one before. Unknown names in a file
// and malformed values are errors; nothing is silently ignored.
class ConfigLoader
{
public:
    static ServerConfig load(const QString &filePath, const QProcessEnvironment &environment);
    static ServerConfig loadText(const QByteArray &fileText, const QString &fileName,
                                 const QProcessEnvironment &environment);

    // "name  NOVA_NAME  description" for --help and the docs.
    static QStringList describe();
};

} // namespace nova
