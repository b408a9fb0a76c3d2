/* A minimal PostgreSQL client binding: links libpq, as psycopg2 does, so the image needs libpq at run time. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <libpq-fe.h>

static PyObject *libpq_version(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    return PyLong_FromLong(PQlibVersion());
}

static PyObject *conninfo_keywords(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    PQconninfoOption *options = PQconndefaults();
    if (options == NULL) return PyErr_NoMemory();
    PyObject *list = PyList_New(0);
    for (PQconninfoOption *o = options; list != NULL && o->keyword != NULL; o++) {
        PyObject *keyword = PyUnicode_FromString(o->keyword);
        if (keyword == NULL || PyList_Append(list, keyword) < 0) Py_CLEAR(list);
        Py_XDECREF(keyword);
    }
    PQconninfoFree(options);
    return list;
}

static PyMethodDef methods[] = {
    {"libpq_version", libpq_version, METH_NOARGS, "libpq's version number, e.g. 150005 for 15.5."},
    {"conninfo_keywords", conninfo_keywords, METH_NOARGS, "The connection keywords libpq knows."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pgclient", "A tiny libpq binding.", -1, methods};

PyMODINIT_FUNC PyInit_pgclient(void) { return PyModule_Create(&module); }
