package io.hatchetoperator.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Renders the wire-relevant facts of proto files as one line per method, field and enum value. */
final class WireContractTable {

    private WireContractTable() {}

    static List<String> describe(List<FileDescriptor> files) {
        List<String> lines = new ArrayList<>();
        for (FileDescriptor file : files) {
            for (ServiceDescriptor service : file.getServices()) {
                for (MethodDescriptor method : service.getMethods()) {
                    lines.add(method(method));
                }
            }
            for (Descriptor message : file.getMessageTypes()) {
                message(message, lines);
            }
            for (EnumDescriptor enumType : file.getEnumTypes()) {
                enumValues(enumType, lines);
            }
        }
        return lines;
    }

    private static String method(MethodDescriptor method) {
        String streaming = method.isClientStreaming() && method.isServerStreaming() ? "bidi"
                : method.isServerStreaming() ? "server-stream"
                : method.isClientStreaming() ? "client-stream" : "unary";
        return "method /" + method.getService().getFullName() + "/" + method.getName() + " " + streaming + " "
                + method.getInputType().getFullName() + " -> " + method.getOutputType().getFullName();
    }

    private static void message(Descriptor message, List<String> lines) {
        if (message.getOptions().getMapEntry()) {
            return; // described by the map field that owns it
        }
        for (FieldDescriptor field : message.getFields()) {
            lines.add("field " + message.getFullName() + "." + field.getName() + " = " + field.getNumber()
                    + " " + type(field) + " " + label(field));
        }
        for (Descriptor nested : message.getNestedTypes()) {
            message(nested, lines);
        }
        for (EnumDescriptor nested : message.getEnumTypes()) {
            enumValues(nested, lines);
        }
    }

    private static void enumValues(EnumDescriptor enumType, List<String> lines) {
        for (EnumValueDescriptor value : enumType.getValues()) {
            lines.add("enum " + enumType.getFullName() + "." + value.getName() + " = " + value.getNumber());
        }
    }

    private static String type(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            return "map<" + type(entry.findFieldByName("key")) + "," + type(entry.findFieldByName("value")) + ">";
        }
        return switch (field.getType()) {
            case MESSAGE, GROUP -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase();
        };
    }

    private static String label(FieldDescriptor field) {
        if (field.isMapField()) {
            return "map";
        }
        if (field.isRepeated()) {
            return "repeated";
        }
        return field.hasPresence() && field.getType() != FieldDescriptor.Type.MESSAGE ? "optional"
                : field.hasPresence() && field.toProto().getProto3Optional() ? "optional" : "singular";
    }
}
