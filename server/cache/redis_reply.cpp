#include "server/cache/redis_reply.h"

#include <hiredis/hiredis.h>

namespace nova {

RedisReply RedisReply::from(const redisReply &reply)
{
    RedisReply out;
    switch (reply.type) {
    case REDIS_REPLY_STRING:
        out.type = Type::String;
        out.text = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = Type::Status;
        out.text = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = Type::Error;
        out.text = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = Type::Integer;
        out.integer = reply.integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = Type::Array;
        out.elements.reserve(qsizetype(reply.elements));
        for (size_t i = 0; i < reply.elements; ++i)
            out.elements.append(from(*reply.element[i]));
        break;
    default:
        out.type = Type::Nil;
        break;
    }
    return out;
}

} // namespace nova
