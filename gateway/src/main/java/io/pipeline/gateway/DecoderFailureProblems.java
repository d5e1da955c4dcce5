package io.pipeline.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request Netty's decoder cannot read (a bad request line or header: 400, a URI too long: 414, headers too large:
 * 431) never reaches a route nor {@link GatewayErrorProblems}: Reactor Netty answers it itself with an empty body.
 * This handler sits right after the HTTP codec, answers such a request with a problem saying what to change, and
 * closes the connection (the decoder discards the rest of it: nothing after it on that connection can be trusted).
 */
@Component
public class DecoderFailureProblems implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(DecoderFailureProblems.class);
    static final String HANDLER_NAME = "pipeline.decoderFailureProblems";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            // HTTP/1.1 only: an HTTP/2 stream's headers are decoded by the frame codec, which answers with a reset
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Handler());
            }
        });
    }

    /** One per connection: it remembers that the connection's request failed, to drop what the decoder still emits. */
    static final class Handler extends ChannelInboundHandlerAdapter {

        private static final Duration LINGER = Duration.ofSeconds(2);
        private boolean failed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                failed = true;
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                answer(ctx, cause);
            } else if (failed && msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Refused an unreadable request from {}: {}", ctx.channel().remoteAddress(), String.valueOf(cause));
            byte[] body;
            HttpStatus status;
            if (cause instanceof TooLongHttpLineException) {
                status = HttpStatus.URI_TOO_LONG;
                body = GatewayProblems.body(status, "uri-too-long", "URI too long",
                        "The request line is longer than the gateway accepts. Send long filters in the body of a POST"
                                + " or shorten the query.", null);
            } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                body = GatewayProblems.body(status, "headers-too-large", "Request headers too large",
                        "The request's headers are larger than the gateway accepts. Drop large or repeated headers"
                                + " (cookies, custom headers) and send the request again.", null);
            } else {
                status = HttpStatus.BAD_REQUEST;
                body = GatewayProblems.body(status, "malformed-request", "Malformed request",
                        "The request line or a header is not valid HTTP/1.1 (" + reason(cause) + "). Fix the request"
                                + " and send it again.", null);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(written -> lingeringClose(ctx));
        }

        /**
         * Closing at once, with the rest of a large request still unread, makes the kernel send a reset that can
         * destroy the answer before the client reads it: end our side, keep reading (the decoder discards it), and
         * close a moment later.
         */
        private static void lingeringClose(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                ctx.close();
            }
        }

        /** Netty's own message, cut short: it names what was wrong but may echo a lot of what the client sent. */
        private static String reason(Throwable cause) {
            String message = cause == null || cause.getMessage() == null ? "unreadable" : cause.getMessage();
            return message.length() > 120 ? message.substring(0, 120) + "..." : message;
        }
    }
}
