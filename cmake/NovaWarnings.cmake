# Warnings every Nova target compiles with: link `nova_warnings` PRIVATE (tests: `nova_test_warnings`,
# which also lets string literals become QString, for readable tables of cases).
set(NOVA_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Woverloaded-virtual
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>
    -Wcast-qual -Wformat=2 -Wimplicit-fallthrough)
set(NOVA_QT_DEFINITIONS
    QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)

add_library(nova_warnings INTERFACE)
target_compile_options(nova_warnings INTERFACE ${NOVA_WARNING_FLAGS})
target_compile_definitions(nova_warnings INTERFACE ${NOVA_QT_DEFINITIONS} QT_NO_CAST_FROM_ASCII)

add_library(nova_test_warnings INTERFACE)
target_compile_options(nova_test_warnings INTERFACE ${NOVA_WARNING_FLAGS})
target_compile_definitions(nova_test_warnings INTERFACE ${NOVA_QT_DEFINITIONS}
    QT_RESTRICTED_CAST_FROM_ASCII)
