#pragma once

#include <QString>

#include <mutex>

namespace nova {

// What MediaSource::problem() answers for a source whose failures are seen on another thread
// (Qt Multimedia's signals arrive on the GUI's): set there, read on the pipeline's.
class SourceProblem
{
public:
    void set(const QString &text)
    {
        std::lock_guard lock(m_mutex);
        m_text = text;
    }
    QString text() const
    {
        std::lock_guard lock(m_mutex);
        return m_text;
    }

private:
    mutable std::mutex m_mutex;
    QString m_text;
};

} // namespace nova
