/**
 * The background threads a Java (Android) or Python process runs beside the one that crashed,
 * each with the stack it is parked in. The crashed thread's stack is the exception's own.
 */
import type { Platform } from './types.ts';

export interface ThreadFrame {
  module: string | null;
  function: string;
  filename: string;
  absPath: string;
  lineNo: number;
}

export interface ThreadTemplate {
  name: string;
  /** Java's thread state; Python reports none. */
  state: string | null;
  /** Oldest call first, as Sentry orders frames. */
  frames: ThreadFrame[];
}

function javaFrame(module: string, fn: string, lineNo: number): ThreadFrame {
  const file = `${module.split('.').pop() ?? module}.java`;
  return { module, function: fn, filename: file, absPath: file, lineNo };
}

function pythonFrame(module: string, fn: string, lineNo: number): ThreadFrame {
  const file = `${module.replace(/\./g, '/')}.py`;
  return {
    module,
    function: fn,
    filename: file,
    absPath: `/usr/local/lib/python3.12/${file}`,
    lineNo,
  };
}

const JAVA_WAIT = [
  javaFrame('java.lang.Thread', 'run', 1012),
  javaFrame('java.util.concurrent.ThreadPoolExecutor$Worker', 'run', 644),
  javaFrame('java.util.concurrent.ThreadPoolExecutor', 'getTask', 1067),
  javaFrame('java.util.concurrent.LinkedBlockingQueue', 'take', 435),
  javaFrame('java.lang.Object', 'wait', 442),
];

export const THREADS: Partial<Record<Platform, { main: string; others: ThreadTemplate[] }>> = {
  java: {
    main: 'main',
    others: [
      {
        name: 'FinalizerDaemon',
        state: 'WAITING',
        frames: [
          javaFrame('java.lang.Daemons$Daemon', 'run', 145),
          javaFrame('java.lang.Daemons$FinalizerDaemon', 'runInternal', 292),
          javaFrame('java.lang.ref.ReferenceQueue', 'remove', 212),
          javaFrame('java.lang.Object', 'wait', 568),
        ],
      },
      { name: 'OkHttp Dispatcher', state: 'TIMED_WAITING', frames: JAVA_WAIT },
      {
        name: 'RenderThread',
        state: 'RUNNABLE',
        frames: [
          javaFrame('android.view.ThreadedRenderer', 'nSyncAndDrawFrame', 0),
          javaFrame('android.os.MessageQueue', 'nativePollOnce', 0),
        ],
      },
      { name: 'pool-3-thread-1', state: 'WAITING', frames: JAVA_WAIT },
      {
        name: 'SentryAsyncConnection-0',
        state: 'WAITING',
        frames: [
          javaFrame('java.lang.Thread', 'run', 1012),
          javaFrame('io.sentry.transport.QueuedThreadPoolExecutor', 'getTask', 1067),
          javaFrame('java.lang.Object', 'wait', 442),
        ],
      },
    ],
  },
  python: {
    main: 'MainThread',
    others: [
      {
        name: 'sentry-sdk.BackgroundWorker',
        state: null,
        frames: [
          pythonFrame('threading', '_bootstrap', 1030),
          pythonFrame('threading', '_bootstrap_inner', 1073),
          pythonFrame('sentry_sdk.worker', '_target', 128),
          pythonFrame('queue', 'get', 171),
          pythonFrame('threading', 'wait', 355),
        ],
      },
      {
        name: 'ThreadPoolExecutor-0_0',
        state: null,
        frames: [
          pythonFrame('threading', '_bootstrap_inner', 1073),
          pythonFrame('concurrent.futures.thread', '_worker', 89),
          pythonFrame('queue', 'get', 171),
        ],
      },
      {
        name: 'celery.heartbeat',
        state: null,
        frames: [
          pythonFrame('threading', '_bootstrap_inner', 1073),
          pythonFrame('kombu.asynchronous.timer', 'run', 79),
          pythonFrame('time', 'sleep', 0),
        ],
      },
    ],
  },
};

/** Native libraries an Android process maps, for `debugmeta` (besides the ProGuard mapping). */
export const ANDROID_LIBRARIES = [
  '/apex/com.android.runtime/lib64/bionic/libc.so',
  '/apex/com.android.art/lib64/libart.so',
  '/system/lib64/libandroid_runtime.so',
  '/data/app/com.acme.app/lib/arm64/libsentry.so',
];
