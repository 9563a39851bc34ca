#pragma once

#include <QWidget>

namespace nova::test {

// The widget named `name` under `parent`; a missing one ends the test run loudly (the window
// changed and the test must follow).
template<typename T>
T *child(QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

} // namespace nova::test
