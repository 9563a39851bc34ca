#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

namespace nova {

// A Redis reply copied out of hiredis into plain Qt values.
struct RedisReply
{
    enum class Type
    {
        Nil,
        Status,
        Error,
        Integer,
        String,
        Array
    };

    Type type = Type::Nil;
    QByteArray text; // Status, Error, String
    long long integer = 0;
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }
    static RedisReply from(const redisReply &reply);
};

} // namespace nova
